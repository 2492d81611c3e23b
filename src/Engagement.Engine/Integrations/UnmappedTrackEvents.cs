namespace Engagement.Engine.Integrations;

/// <summary>What happens to a Segment <c>track</c> event whose name is not in the table.</summary>
public enum UnmappedTrackEvents
{
    /// <summary>The name in lower case with spaces, dashes and underscores as dots: "Product Viewed" → <c>product.viewed</c> (the default).</summary>
    Dotted,
    /// <summary>The name exactly as sent is the engine type.</summary>
    AsIs,
    /// <summary>Refused and kept with the reason "not in the table".</summary>
    Reject,
}
