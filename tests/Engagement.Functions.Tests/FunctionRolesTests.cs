using System.Text.Json.Nodes;

namespace Engagement.Functions.Tests;

/// <summary>
/// The role model of docs/security.md on the Azure host: it serves only ingest routes, provider webhooks and key rotation, no
/// route that reads or erases a customer, so every HTTP function is either <c>ingest</c> (a function key, or a write key of
/// <c>Engagement:IngestKeys</c> checked in code), a provider webhook (a function key or the provider's signature), anonymous
/// with its own proof (the signed unsubscribe token), or <c>admin</c> (key rotation, the host's master key). Read from the generated <c>functions.metadata</c>: an HTTP
/// function added without a line in this table fails, and so does one whose key level differs from its role.
/// </summary>
public sealed class FunctionRolesTests
{
    /// <summary>HTTP function → (role, key level the trigger must have).</summary>
    private static readonly IReadOnlyDictionary<string, (string Role, string AuthLevel)> Table = new Dictionary<string, (string, string)>
    {
        ["IngestEvents"] = ("ingest", "Function"),
        ["SegmentApi"] = ("ingest", "Anonymous"), // Segment clients cannot send a function key: Engagement:IngestKeys checked in code
        ["EmailDeliveryReport"] = ("webhook", "Function"),
        ["TwilioStatus"] = ("webhook", "Anonymous"), // X-Twilio-Signature checked in code
        ["Unsubscribe"] = ("anonymous", "Anonymous"), // the signed token is the proof
        ["ReencryptDocuments"] = ("admin", "Admin"), // key rotation: the host's master key; answers counts and key ids only
    };

    [Fact]
    public void HttpFunctions_AreExactlyTheRoleTable_WithTheKeyLevelTheirRoleNeeds()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsOutput.Directory, "functions.metadata")))!.AsArray();
        var http = metadata
            .Select(f => (Name: (string)f!["name"]!, Trigger: f["bindings"]!.AsArray().OfType<JsonObject>().FirstOrDefault(b => (string)b["type"]! == "httpTrigger")))
            .Where(f => f.Trigger is not null)
            .ToDictionary(f => f.Name, f => (string)f.Trigger!["authLevel"]!);

        Assert.Equal(Table.Keys.Order(StringComparer.Ordinal), http.Keys.Order(StringComparer.Ordinal));
        Assert.All(Table, t => Assert.Equal(t.Value.AuthLevel, http[t.Key]));
    }
}
