// Placeholder: the package writer comes with the CPU issue's work.
