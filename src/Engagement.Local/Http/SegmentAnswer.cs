namespace Engagement.Local.Http;

/// <summary>The 200 answer of the Segment routes: Segment's own <c>success</c>, then what became of the calls. Immutable.</summary>
internal sealed record SegmentAnswer(bool Success, int Accepted, int Duplicates, IReadOnlyDictionary<string, int> Ignored, IReadOnlyList<SegmentRejection> Rejected);
