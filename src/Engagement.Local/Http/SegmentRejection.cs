namespace Engagement.Local.Http;

/// <summary>A refused call in a <see cref="SegmentAnswer"/>: its 1-based position in the batch, <c>messageId</c>, field and reason. Immutable.</summary>
internal sealed record SegmentRejection(int Index, string? MessageId, string? Field, string Reason);
