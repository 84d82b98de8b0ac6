print("kit-bench-server: not written yet")
