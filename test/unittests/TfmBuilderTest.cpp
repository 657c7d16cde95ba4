// placeholder until the builder test is written
