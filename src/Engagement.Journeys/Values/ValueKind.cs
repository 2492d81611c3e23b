namespace Engagement.Journeys.Values;

/// <summary>The kinds a <see cref="Value"/> can hold. <see cref="Missing"/> is what a lookup of an absent attribute yields.</summary>
public enum ValueKind
{
    /// <summary>No such attribute. Compares unequal to everything but another missing value; never throws.</summary>
    Missing,
    /// <summary>An explicit JSON <c>null</c>.</summary>
    Null,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A number, held as <see cref="double"/>.</summary>
    Number,
    /// <summary>A string (also how dates and instants travel: ISO-8601 text).</summary>
    String,
    /// <summary>An ordered list of values.</summary>
    List,
    /// <summary>A map from attribute names to values.</summary>
    Object,
}
