var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();

/// <summary>Entry point type, visible to integration tests.</summary>
public partial class Program;
