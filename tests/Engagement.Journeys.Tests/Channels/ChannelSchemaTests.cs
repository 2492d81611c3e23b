using Engagement.Journeys.Channels;
using Newtonsoft.Json.Linq;

namespace Engagement.Journeys.Tests.Channels;

/// <summary>The JSON Schemas for editors list exactly the built-in channels of <see cref="ChannelRegistry.Builtin"/>.</summary>
public sealed class ChannelSchemaTests
{
    private static JObject Schema(params string[] path) => JObject.Parse(File.ReadAllText(Path.Combine([RepositoryFiles.Root, .. path])));

    [Fact]
    public void JourneySchema_SendChannelAndFallbackEnums_AreTheRegistry()
    {
        var send = Schema("journeys", "journey.schema.json").SelectTokens("$..properties.channel.enum").Cast<JArray>().Single();
        var fallback = Schema("journeys", "journey.schema.json").SelectTokens("$..properties.fallback.items.enum").Cast<JArray>().Single();

        Assert.Equal([.. ChannelRegistry.Builtin.Names, ChannelRegistry.Preferred], send.Values<string>());
        Assert.Equal(ChannelRegistry.Builtin.Names.ToArray(), fallback.Values<string>());
    }

    [Fact]
    public void PoliciesSchema_CapChannelAndQuietWindows_AreTheRegistry()
    {
        var schema = Schema("journeys", "policies.schema.json");

        Assert.Equal(ChannelRegistry.Builtin.Names.ToArray(), schema.SelectToken("$.definitions.channel.enum")!.Values<string>());
        Assert.Equal(ChannelRegistry.Builtin.Names.ToArray(), ((JObject)schema.SelectToken("$.definitions.windows.properties")!).Properties().Select(p => p.Name));
    }

    [Fact]
    public void EngageSchema_ChannelSections_AreTheRegistryPlusDefinedChannels()
    {
        var channels = Schema("docs", "engage.schema.json").SelectToken("$.properties.channels")!;

        Assert.Equal(ChannelRegistry.Builtin.Names.ToArray(), ((JObject)channels["properties"]!).Properties().Select(p => p.Name));
        Assert.Equal("#/definitions/definedChannel", (string?)channels["additionalProperties"]!["$ref"]);
    }
}
