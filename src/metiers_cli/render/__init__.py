"""Rich renderables for every command. Pure: they take model objects and return renderables, never read files."""
