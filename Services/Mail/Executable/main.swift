import GuichetPlatform
import Mail

// `mail audit verify <slug>`, `mail audit sign-heads [day]` and `mail audit public-key` check and
// sign the audit chain; with no arguments the service serves.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "audit" {
    AuditCommand.runAndExit(arguments: Array(arguments.dropFirst()))
}
ServiceMain.run(Mail.definition)
