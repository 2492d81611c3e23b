using Engagement.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The isolated worker host (FunctionsApplication builder, ASP.NET Core integration for the HTTP functions). Everything the
// functions do is in Engagement.Engine; this wires the Azure clients and the engine pieces together.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Contact details and names are encrypted in Cosmos DB with the key file from Key Vault (docs/security.md). No key configured,
// or one that cannot be read, stops the host here with one line, unless Engagement__InsecurePlaintext=true says otherwise.
Engagement.Protection.FieldProtector protector;
try
{
    var keys = FieldProtection.SourceFrom(builder.Configuration, FieldProtection.KeyVault(FieldProtection.Credential(builder.Configuration)));
    protector = await FieldProtection.CreateAsync(keys, CancellationToken.None);
}
catch (KeyConfigurationException ex)
{
    await Console.Error.WriteLineAsync("engagement: " + ex.Message);
    return 2;
}

var settings = EngagementSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(protector);
builder.Services.AddEngagementEngine(settings);

await builder.Build().RunAsync();
return 0;
