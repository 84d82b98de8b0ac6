import Mail
import GuichetPlatform

ServiceMain.run(Mail.definition)
