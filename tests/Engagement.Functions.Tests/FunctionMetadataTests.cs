using System.Text.Json;
using System.Text.Json.Nodes;

namespace Engagement.Functions.Tests;

/// <summary>
/// The binding layer, as the Functions host sees it: the <c>functions.metadata</c> the Functions SDK writes at build time
/// (the host indexes the worker from it, or from the source-generated provider that carries the same bindings). The
/// orchestration tests run the orchestrator through a Durable Task registration, not through these bindings; this file is
/// what covers them.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<JsonArray> Metadata = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsOutput.Directory, "functions.metadata")))!.AsArray());

    [Fact]
    public void Metadata_ListsExactlyTheAppsFunctions()
    {
        var names = Metadata.Value.Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["ApplyEffects", "EmailDeliveryReport", "IngestEvents", "JourneyOrchestrator", "LoadProfile", "ReencryptDocuments", "RouteEvent", "SegmentApi", "TwilioStatus", "Unsubscribe"],
            names);
    }

    [Theory]
    [InlineData("RouteEvent", "serviceBusTrigger")]
    [InlineData("JourneyOrchestrator", "orchestrationTrigger")]
    [InlineData("LoadProfile", "activityTrigger")]
    [InlineData("ApplyEffects", "activityTrigger")]
    [InlineData("IngestEvents", "httpTrigger")]
    [InlineData("SegmentApi", "httpTrigger")]
    [InlineData("TwilioStatus", "httpTrigger")]
    [InlineData("Unsubscribe", "httpTrigger")]
    [InlineData("EmailDeliveryReport", "httpTrigger")]
    [InlineData("ReencryptDocuments", "httpTrigger")]
    public void Metadata_EachFunction_HasOneTriggerOfItsType(string function, string trigger)
    {
        var triggers = Bindings(function).Where(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal)).ToList();

        var only = Assert.Single(triggers);
        Assert.Equal(trigger, (string)only["type"]!);
        Assert.Equal("In", (string)only["direction"]!);
    }

    [Fact]
    public void RouteEvent_TakesOneSessionMessageAtATimeFromTheConfiguredSubscription()
    {
        var trigger = Bindings("RouteEvent").Single(b => (string)b["type"]! == "serviceBusTrigger");

        Assert.Equal("%ServiceBusTopicName%", (string)trigger["topicName"]!);
        Assert.Equal("%ServiceBusSubscriptionName%", (string)trigger["subscriptionName"]!);
        Assert.Equal("ServiceBusConnection", (string)trigger["connection"]!);
        Assert.True((bool)trigger["isSessionsEnabled"]!);
        Assert.Equal("One", (string)trigger["cardinality"]!);
        Assert.Equal("String", (string)trigger["dataType"]!);
        Assert.Null(trigger["autoCompleteMessages"]); // 5.7.0 has no per-trigger setting: host.json decides (true)
        Assert.Contains(Bindings("RouteEvent"), b => (string)b["type"]! == "durableClient");
    }

    [Fact]
    public void HostJson_CompletesServiceBusMessagesAutomatically_AsTheTriggerExpects()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsOutput.Directory, "host.json")))!;

        Assert.True((bool)host["extensions"]!["serviceBus"]!["autoCompleteMessages"]!);
    }

    [Theory]
    [InlineData("IngestEvents", "Function", "events", new[] { "post", "options" })]
    [InlineData("SegmentApi", "Anonymous", "v1/{call}", new[] { "post" })]
    [InlineData("TwilioStatus", "Anonymous", "delivery/twilio", new[] { "post" })]
    [InlineData("Unsubscribe", "Anonymous", "unsubscribe", new[] { "get", "post" })]
    [InlineData("EmailDeliveryReport", "Function", "delivery/acs", new[] { "post", "options" })]
    [InlineData("ReencryptDocuments", "Admin", "keys/reencrypt", new[] { "post" })] // not admin/…: the host reserves that prefix
    public void HttpFunctions_HaveTheirRouteMethodsAndKeyLevel(string function, string authLevel, string route, string[] methods)
    {
        var trigger = Bindings(function).Single(b => (string)b["type"]! == "httpTrigger");

        Assert.Equal(authLevel, (string)trigger["authLevel"]!);
        Assert.Equal(route, (string)trigger["route"]!);
        Assert.Equal(methods, trigger["methods"]!.AsArray().Select(m => (string)m!).ToArray());
    }

    [Fact]
    public void WorkerConfig_IndexesTheWorkerItself()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsOutput.Directory, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("Engagement.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
        Assert.Equal("true", description.GetProperty("workerIndexing").GetString());
    }

    [Fact]
    public void SourceGeneratedProvider_IsCompiledIntoTheWorker()
    {
        var provider = typeof(Routing.RouteEventFunction).Assembly.GetTypes().SingleOrDefault(t => t.Name == "GeneratedFunctionMetadataProvider");

        Assert.NotNull(provider);
    }

    private static List<JsonObject> Bindings(string function) =>
        Metadata.Value.Single(f => (string)f!["name"]! == function)!["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
}
