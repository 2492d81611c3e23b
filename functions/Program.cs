using Engagement.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The isolated worker host (FunctionsApplication builder, ASP.NET Core integration for the HTTP functions). Everything the
// functions do is in Engagement.Engine; this wires the Azure clients and the engine pieces together.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

var settings = EngagementSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSingleton(settings);
builder.Services.AddEngagementEngine(settings);

builder.Build().Run();
