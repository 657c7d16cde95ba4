// Placeholder: filled in by the import issue's work.
