import Complaints
import GuichetPlatform

ServiceMain.run(Complaints.definition)
