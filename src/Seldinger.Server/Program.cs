using Seldinger.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddSeldinger();
var app = builder.Build();
app.UseSeldinger();
app.Run();

/// <summary>Entry point type, visible to integration tests.</summary>
public partial class Program;
