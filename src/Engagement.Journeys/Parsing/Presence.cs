namespace Engagement.Journeys.Parsing;

/// <summary>Whether a field must appear: a missing <see cref="Required"/> field is a <c>missing</c> diagnostic, a missing
/// <see cref="Optional"/> one reads as null and the caller applies its default.</summary>
internal enum Presence
{
    Required,
    Optional,
}
