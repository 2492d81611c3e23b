namespace Engagement.Engine.Simulation;

/// <summary>A rejected input line: its number, which file ("profiles" or "events"), its text, the field at fault if known,
/// and why. Immutable.</summary>
internal readonly record struct InputRejection(int Line, string Source, string Raw, string? Field, string Reason);
