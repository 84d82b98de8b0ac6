import Appointments
import GuichetPlatform

ServiceMain.run(Appointments.definition)
