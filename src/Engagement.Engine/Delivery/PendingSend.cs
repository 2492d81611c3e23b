using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>
/// Everything needed to decide and render a send later without the journey definition: what a deferred send keeps in its
/// ledger entry. Plain fields only (host-neutral for SQLite and Cosmos); no contact details — the profile is read again at
/// send time. Immutable.
/// </summary>
public sealed record PendingSend
{
    /// <summary>Ledger key (enrollment/step/occurrence).</summary>
    public required string LedgerKey { get; init; }
    /// <summary>The recipient; the profile is read again by this id at send time.</summary>
    public required string CustomerId { get; init; }
    /// <summary>The journey that asked for the message.</summary>
    public required string Journey { get; init; }
    /// <summary>The version the enrollment runs, so a deferred send renders the same templates after a new version is published.</summary>
    public required int Version { get; init; }
    /// <summary>True for marketing journeys; stored as this flag (see <see cref="Category"/> for the typed view).</summary>
    public required bool Marketing { get; init; }
    /// <summary>The journey's category, read from <see cref="Marketing"/>: what guards, caps and suppression rules decide by.</summary>
    [JsonIgnore]
    public JourneyCategory Category => Marketing ? JourneyCategory.Marketing : JourneyCategory.Transactional;
    /// <summary>Journey priority (0..100).</summary>
    public int Priority { get; init; } = 50;
    /// <summary>The journey's default zone.</summary>
    public string? JourneyTimeZone { get; init; }
    /// <summary>The journey's default locale.</summary>
    public string DefaultLocale { get; init; } = "en";
    /// <summary>The send step that asked for the message.</summary>
    public required string Step { get; init; }
    /// <summary>Channel as written (<c>preferred</c> allowed).</summary>
    public required string Channel { get; init; }
    /// <summary>Channels tried in order when <see cref="Channel"/> has no consent or contact point.</summary>
    public ImmutableArray<string> Fallback { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>The template, without channel and locale suffixes (the renderer picks them).</summary>
    public required string Template { get; init; }
    /// <summary>The enrollment whose step this is (<c>enrollment.*</c> in templates).</summary>
    public required string EnrollmentId { get; init; }
    /// <summary>The enrollment key (for example an order id), <c>enrollment.key</c> in templates.</summary>
    public string? EnrollmentKey { get; init; }
    /// <summary>When the customer entered.</summary>
    public Instant EnteredAt { get; init; }
    /// <summary>Holdout flag (always false here: the core withholds holdout sends).</summary>
    public bool Holdout { get; init; }
    /// <summary>The split variant the enrollment was assigned, <c>enrollment.variant</c> in templates.</summary>
    public string? Variant { get; init; }
    /// <summary>The enrollment's event (<c>event.*</c> for templates) as compact JSON, without contact fields (<see cref="ContactFields"/>).</summary>
    public string EventJson { get; init; } = "{}";

    /// <summary>The essentials of a request, its event included.</summary>
    public static PendingSend From(DeliveryRequest r) => WithoutEvent(r) with { EventJson = EventJsonOf(r.Enrollment.Event) };

    /// <summary>The essentials of a request with <see cref="EventJson"/> left empty (<c>{}</c>): what the guards and an
    /// immediate send need. Only a deferred send keeps its event, and writing it as JSON costs more than the rest of the decision.</summary>
    internal static PendingSend WithoutEvent(DeliveryRequest r) => new()
    {
        LedgerKey = r.Send.LedgerKey,
        CustomerId = r.Enrollment.CustomerId,
        Journey = r.Journey.Id,
        Version = r.Enrollment.JourneyVersion,
        Marketing = r.Journey.Category == JourneyCategory.Marketing,
        Priority = r.Journey.Priority,
        JourneyTimeZone = r.Journey.TimeZone,
        DefaultLocale = r.Journey.DefaultLocale,
        Step = r.Send.StepId ?? string.Empty,
        Channel = r.Send.Channel,
        Fallback = r.Send.Fallback.IsDefault ? ImmutableArray<string>.Empty : r.Send.Fallback,
        Template = r.Send.Template,
        EnrollmentId = r.Enrollment.EnrollmentId,
        EnrollmentKey = r.Enrollment.Key,
        EnteredAt = r.Enrollment.EnteredAt,
        Holdout = r.Enrollment.Holdout,
        Variant = r.Enrollment.Variant,
    };

    /// <summary>What <see cref="EventJson"/> holds for an enrollment's event: compact JSON without the contact fields.</summary>
    public static string EventJsonOf(Value @event) => ValueJson.Write(WithoutContactDetails(@event)) ?? "{}";

    /// <summary>Contact fields an event may carry (e.g. <c>customer.registered</c>); they are not kept in the ledger.</summary>
    public static IReadOnlyList<string> ContactFields { get; } = ["email", "phone", "pushToken", "pushTokens", "to", "address"];

    /// <summary>The event without top-level contact fields.</summary>
    public static Value WithoutContactDetails(Value @event)
    {
        var result = @event;
        foreach (var field in ContactFields)
        {
            if (!result[field].IsMissing)
            {
                result = result.Without(field);
            }
        }

        return result;
    }

    /// <summary>The <c>enrollment.*</c> object templates see.</summary>
    public Value EnrollmentValue(Instant now)
    {
        // One builder, not a copy of the map per field.
        var fields = ImmutableSortedDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        fields["enrollmentId"] = Value.FromString(EnrollmentId);
        fields["key"] = Value.FromString(EnrollmentKey);
        fields["journey"] = Value.FromString(Journey);
        fields["version"] = Value.FromNumber(Version);
        fields["customerId"] = Value.FromString(CustomerId);
        fields["variant"] = Value.FromString(Variant);
        fields["holdout"] = Value.FromBoolean(Holdout);
        fields["enteredAt"] = Value.FromString(InstantText.Format(EnteredAt));
        fields["now"] = Value.FromString(InstantText.Format(now));
        return Value.FromFields(fields.ToImmutable());
    }
}
