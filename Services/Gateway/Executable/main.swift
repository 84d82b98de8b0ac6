import Gateway
import GuichetPlatform

ServiceMain.run(Gateway.definition)
