"""Write services of the secondment app, one module per record family."""
