using System.Text.Json;

namespace Engagement.Cli.Tests;

/// <summary>The garbage collector the built tool runs with (engage.runtimeconfig.json beside engage.dll, also in the package).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void RuntimeConfig_OfTheTool_SelectsTheWorkstationGcWithBackgroundCollections()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "engage.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        // serve's GC (simulate starts itself again under the server GC: Runtime/GcRelaunchTests).
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.TryGetProperty("System.GC.HeapCount", out _));
    }
}
