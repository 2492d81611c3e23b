using System.Collections.Immutable;

namespace Engagement.Engine.Integrations;

/// <summary>
/// How Segment calls become engine events (<c>integrations.segment</c> in engage.json, docs/integrations.md): the
/// <c>track</c> table (defaults from Segment's e-commerce and B2B SaaS lifecycle specs, extended or overridden by the
/// configuration), what to do with names not in it, and which <c>identify</c> traits are consent flags. Immutable.
/// </summary>
public sealed record SegmentMapping
{
    /// <summary>The default <c>track</c> table.</summary>
    public static ImmutableDictionary<string, SegmentEventRule> DefaultEvents { get; } = BuildDefaults();

    /// <summary>The default consent traits: boolean traits that grant (true) or revoke (false) marketing consent on a channel.</summary>
    public static ImmutableDictionary<string, string> DefaultConsentTraits { get; } = new Dictionary<string, string>
    {
        ["emailOptIn"] = "email",
        ["smsOptIn"] = "sms",
        ["pushOptIn"] = "push",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Segment event name → rule; exact names first, then ignoring case.</summary>
    public IReadOnlyDictionary<string, SegmentEventRule> Events { get; init; } = DefaultEvents;

    /// <summary>What happens to names not in <see cref="Events"/>.</summary>
    public UnmappedTrackEvents Unmapped { get; init; } = UnmappedTrackEvents.Dotted;

    /// <summary>Boolean trait name → channel (<c>email</c>, <c>sms</c>, <c>push</c>): true grants marketing consent, false revokes it.</summary>
    public IReadOnlyDictionary<string, string> ConsentTraits { get; init; } = DefaultConsentTraits;

    /// <summary>The defaults.</summary>
    public static SegmentMapping Default { get; } = new();

    /// <summary>The rule for a name, or null.</summary>
    public SegmentEventRule? RuleFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Events.TryGetValue(name, out var rule))
        {
            return rule;
        }

        return Events.FirstOrDefault(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>The engine type of a name not in the table by <see cref="Unmapped"/>, or null when such names are refused.</summary>
    public string? UnmappedType(string name) => Unmapped switch
    {
        UnmappedTrackEvents.AsIs => name.Trim(),
        UnmappedTrackEvents.Dotted => Dotted(name),
        _ => null,
    };

    private static string Dotted(string name)
    {
        var parts = name.Trim().ToLowerInvariant().Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? name : string.Join('.', parts);
    }

    private static ImmutableDictionary<string, SegmentEventRule> BuildDefaults()
    {
        static SegmentEventRule Rule(string type, params (string From, string To)[] renames) =>
            new(type, renames.ToDictionary(r => r.From, r => r.To, StringComparer.Ordinal));

        (string, string) orderId = ("order_id", "orderId"), total = ("total", "amount"), productId = ("product_id", "productId");
        return new Dictionary<string, SegmentEventRule>(StringComparer.Ordinal)
        {
            // E-commerce spec (https://segment.com/docs/connections/spec/ecommerce/v2/)
            ["Order Completed"] = Rule("order.placed", orderId, total, ("checkout_id", "checkoutId")),
            ["Order Refunded"] = Rule("order.refunded", orderId, total),
            ["Order Cancelled"] = Rule("order.cancelled", orderId, total),
            ["Order Updated"] = Rule("order.updated", orderId, total),
            ["Checkout Started"] = Rule("checkout.started", orderId, ("value", "amount"), total),
            ["Product Added"] = Rule("cart.product.added", productId, ("cart_id", "cartId")),
            ["Product Removed"] = Rule("cart.product.removed", productId, ("cart_id", "cartId")),
            ["Product Viewed"] = Rule("product.viewed", productId),
            ["Cart Viewed"] = Rule("cart.viewed", ("cart_id", "cartId")),
            // B2B SaaS lifecycle spec (https://segment.com/docs/connections/spec/b2b-saas/)
            ["Signed Up"] = Rule("customer.registered"),
            ["Account Created"] = Rule("customer.registered", ("account_name", "accountName")),
            ["Signed In"] = Rule("customer.signed.in"),
            ["Signed Out"] = Rule("customer.signed.out"),
            ["Trial Started"] = Rule("trial.started", ("trial_plan_name", "plan"), ("trial_end_date", "trialEndsOn")),
            ["Trial Ended"] = Rule("trial.ended", ("trial_plan_name", "plan")),
            ["Subscription Cancelled"] = Rule("subscription.cancelled", ("plan_name", "plan")),
            // Email spec (https://segment.com/docs/connections/spec/email/)
            ["Email Unsubscribed"] = Rule("customer.unsubscribed", ("email_id", "emailId")) with { Set = new Dictionary<string, string> { ["channel"] = "email" } },
        }.ToImmutableDictionary(StringComparer.Ordinal);
    }
}
