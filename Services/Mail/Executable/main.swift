print("Mail")
