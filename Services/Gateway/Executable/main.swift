import Gateway
import GuichetPlatform

// `gateway context-token <slug>` prints a context token for calling a service directly; with no
// arguments the gateway serves.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "context-token" {
    ContextTokenCommand.runAndExit(arguments: Array(arguments.dropFirst()))
}
ServiceMain.run(Gateway.definition)
