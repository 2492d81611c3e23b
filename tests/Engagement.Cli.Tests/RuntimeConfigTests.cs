using System.Text.Json;

namespace Engagement.Cli.Tests;

/// <summary>The garbage collector the built tool runs with (engage.runtimeconfig.json beside engage.dll, also in the package).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void RuntimeConfig_OfTheTool_SelectsTheServerGcWithAdaptiveHeapsAndNoBackgroundGc()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "engage.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        // DATAS (the heap count following the load, which keeps simulate's memory at the workstation GC's) stays on: no fixed heap count.
        Assert.False(properties.TryGetProperty("System.GC.HeapCount", out _));
        Assert.False(properties.TryGetProperty("System.GC.DynamicAdaptationMode", out var mode) && mode.GetInt32() == 0);
    }
}
