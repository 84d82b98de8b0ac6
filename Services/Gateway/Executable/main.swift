import Gateway
import GuichetPlatform

// `gateway context-token <slug>` prints a context token for calling a service directly;
// `gateway rotate-key <access|context>` rotates a signing key; with no arguments the gateway serves.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "context-token":
    ContextTokenCommand.runAndExit(arguments: Array(arguments.dropFirst()))
case "rotate-key":
    ContextTokenCommand.runAndExit(arguments: Array(arguments.dropFirst()), command: KeyRotationCommand.run)
default:
    ServiceMain.run(Gateway.definition)
}
