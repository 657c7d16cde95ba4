// Placeholder: filled in by the import issue's work.
int main() { return 0; }
