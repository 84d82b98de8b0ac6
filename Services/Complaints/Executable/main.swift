print("Complaints")
