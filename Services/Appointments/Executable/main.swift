print("Appointments")
