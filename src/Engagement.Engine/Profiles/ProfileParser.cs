using System.Collections.Immutable;
using Engagement.Engine.Serialization;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Engagement.Engine.Profiles;

/// <summary>
/// Reads one profile line: <c>{ "customerId", "email", "phone", "pushTokens", "locale", "timezone", "birthday", "channels",
/// "consents": { "email": { "marketing": true, "transactional": true, "at": "…", "source": "…" } }, "attributes", "tags" }</c>.
/// </summary>
public static class ProfileParser
{
    private static readonly string[] Fields = ["customerId", "email", "phone", "pushTokens", "locale", "timezone", "birthday", "channels", "consents", "attributes", "tags"];

    /// <summary>Parses; on failure <paramref name="field"/> names the field at fault.</summary>
    public static bool TryParse(string line, out CustomerProfile? profile, out string? field, out string? error)
    {
        profile = null;
        field = null;
        if (Events.InputLines.FirstInvalid(line) is var invalid and >= 0)
        {
            error = $"not valid UTF-8 at character {invalid + 1}: save the file as UTF-8";
            return false;
        }

        JObject o;
        try
        {
            o = InputLineReader.ReadObject(line);
        }
        catch (JsonReaderException ex)
        {
            error = $"malformed JSON at position {ex.LinePosition + 1}: {ex.Message.Split(". Path")[0].TrimEnd('.')}";
            return false;
        }

        if (o.Properties().FirstOrDefault(p => !Fields.Contains(p.Name)) is { } unknown)
        {
            field = unknown.Name;
            error = $"unknown field '{unknown.Name}': expected one of {string.Join(", ", Fields)} (free values go in attributes)";
            return false;
        }

        var id = (string?)o["customerId"];
        if (string.IsNullOrWhiteSpace(id))
        {
            field = "customerId";
            error = "'customerId' is missing: every profile needs the customer's id";
            return false;
        }

        var registry = ChannelRegistry.Shared;
        var preferred = (o["channels"] as JArray ?? []).Select(t => t.ToString()).ToImmutableArray();
        if (preferred.FirstOrDefault(p => !registry.Contains(p)) is { } unknownChannel)
        {
            field = "channels";
            error = $"unknown channel '{unknownChannel}' in 'channels': expected {registry.Describe()}";
            return false;
        }

        // Channel names are the registry's own strings, and repeated text one shared string, not one copy per profile.
        preferred = preferred.Select(p => registry.Find(p)!.Name).ToImmutableArray();

        var consents = ImmutableList.CreateBuilder<ConsentRecord>();
        if (o["consents"] is JObject c)
        {
            foreach (var channel in c.Properties())
            {
                if (!registry.Contains(channel.Name))
                {
                    field = "consents." + channel.Name;
                    error = $"unknown channel '{channel.Name}' in 'consents': expected {registry.Describe()}";
                    return false;
                }

                if (channel.Value is not JObject entry)
                {
                    field = "consents." + channel.Name;
                    error = "each consent must be an object { \"marketing\": true, \"transactional\": true, \"at\": \"…\", \"source\": \"…\" }";
                    return false;
                }

                InstantText.TryParse((string?)entry["at"], out var at);
                var source = SharedText.Share((string?)entry["source"]) ?? "import";
                var name = registry.Find(channel.Name)!.Name;
                foreach (var purpose in new[] { ConsentPurpose.Marketing, ConsentPurpose.Transactional })
                {
                    if (entry[purpose == ConsentPurpose.Marketing ? "marketing" : "transactional"] is { Type: JTokenType.Boolean } granted)
                    {
                        consents.Add(new ConsentRecord(name, purpose, (bool)granted, at, source));
                    }
                }
            }
        }

        profile = new CustomerProfile
        {
            CustomerId = id,
            Email = (string?)o["email"],
            Phone = (string?)o["phone"],
            PushTokens = (o["pushTokens"] as JArray ?? []).Select(t => t.ToString()).ToImmutableArray(),
            Locale = SharedText.Share((string?)o["locale"]),
            TimeZone = SharedText.Share((string?)o["timezone"]),
            Birthday = (string?)o["birthday"],
            Channels = preferred,
            Consents = consents.ToImmutable(),
            Tags = (o["tags"] as JArray ?? []).Select(t => SharedText.Share(t.ToString())).ToImmutableSortedSet(StringComparer.Ordinal),
            Attributes = o["attributes"] is JObject a ? ValueJson.FromToken(a) : Value.EmptyObject,
        };
        error = null;
        return true;
    }
}
