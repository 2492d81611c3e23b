using Engagement.Journeys.Channels;
using System.Collections.Immutable;
using Engagement.Engine.Configuration;

namespace Engagement.Engine.Integrations;

/// <summary>Reads <c>integrations</c> of engage.json (or the Azure host's <c>Engagement__Integrations</c> app setting): the CloudEvents
/// mapping and the Segment track table, over their defaults; problems are added to the node's errors, naming the path.</summary>
public static class IntegrationsReader
{
    /// <summary>Reads the <c>integrations</c> node; unset parts keep their defaults, and every problem is recorded on
    /// <paramref name="node"/> with its path rather than thrown.</summary>
    /// <param name="node">The <c>integrations</c> object (a missing node yields the defaults).</param>
    /// <returns>The options read, with defaults for whatever the node leaves out.</returns>
    public static IntegrationsOptions Read(ConfigNode node)
    {
        node.RejectUnknown("cloudEvents", "segment");
        return new IntegrationsOptions { CloudEvents = ReadCloudEvents(node.Child("cloudEvents")), Segment = ReadSegment(node.Child("segment")) };
    }

    private static CloudEventMapping ReadCloudEvents(ConfigNode node)
    {
        node.RejectUnknown("typePrefixes", "types", "customerIdAttribute");
        var attribute = node.String("customerIdAttribute") ?? CloudEventMapping.DefaultCustomerIdAttribute;
        if (attribute.Length > 20 || !attribute.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            node.Error("customerIdAttribute", "expected a CloudEvents extension attribute name: 1 to 20 lower-case letters and digits");
        }

        var prefixes = node.List("typePrefixes") ?? [];
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var typesNode = node.Child("types");
        foreach (var (from, to) in node.Pairs("types"))
        {
            if (string.IsNullOrWhiteSpace(to)) typesNode.Error(from, "expected the engine event type, e.g. order.placed");
            else types[from] = to.Trim();
        }

        return new CloudEventMapping { TypePrefixes = prefixes, Types = types, CustomerIdAttribute = attribute };
    }

    private static SegmentMapping ReadSegment(ConfigNode node)
    {
        node.RejectUnknown("events", "unmappedEvents", "consentTraits");
        var events = SegmentMapping.DefaultEvents.ToBuilder();
        var eventsNode = node.Child("events");
        foreach (var name in eventsNode.Keys())
        {
            var rule = eventsNode.Child(name);
            rule.RejectUnknown("type", "properties", "set");
            var type = rule.String("type");
            if (type is null)
            {
                rule.Error("type", "expected the engine event type, e.g. order.placed");
                continue;
            }

            events[name] = new SegmentEventRule(type, Map(rule, "properties")) { Set = Map(rule, "set") };
        }

        var consents = SegmentMapping.DefaultConsentTraits.ToBuilder();
        var consentNode = node.Child("consentTraits");
        foreach (var (trait, channel) in node.Pairs("consentTraits"))
        {
            if (channel == "none") consents.Remove(trait);
            else if (ChannelRegistry.Shared.Names.Contains(channel)) consents[trait] = channel;
            else consentNode.Error(trait, $"expected {string.Join(", ", ChannelRegistry.Shared.Names)}, or none (to drop a default)");
        }

        var unmapped = node.String("unmappedEvents") switch
        {
            null or "dotted" => UnmappedTrackEvents.Dotted,
            "asIs" => UnmappedTrackEvents.AsIs,
            "reject" => UnmappedTrackEvents.Reject,
            _ => Invalid(node),
        };
        return new SegmentMapping { Events = events.ToImmutable(), ConsentTraits = consents.ToImmutable(), Unmapped = unmapped };
    }

    private static UnmappedTrackEvents Invalid(ConfigNode node)
    {
        node.Error("unmappedEvents", "expected dotted, asIs or reject");
        return UnmappedTrackEvents.Dotted;
    }

    private static ImmutableDictionary<string, string> Map(ConfigNode node, string name)
    {
        var child = node.Child(name);
        var map = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in node.Pairs(name))
        {
            if (string.IsNullOrWhiteSpace(to)) child.Error(from, "expected a field name");
            else map[from] = to.Trim();
        }

        return map.ToImmutable();
    }
}
