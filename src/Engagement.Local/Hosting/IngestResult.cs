namespace Engagement.Local.Hosting;

/// <summary>What became of a batch of event lines. Immutable.</summary>
/// <param name="Accepted">Lines durably accepted for processing.</param>
/// <param name="Duplicates">Lines whose event id was accepted before (ignored; not an error).</param>
/// <param name="Rejected">Lines refused, each kept with its reason.</param>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<IngestLineError> Rejected);
