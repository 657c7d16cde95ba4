// Placeholder: filled by the runtime work.
