using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// Something that happens to an enrollment. Every stimulus carries its own time; the core never reads a clock.
/// Immutable; the concrete types are <see cref="EnrollmentStarted"/>, <see cref="TimerFired"/>, <see cref="EventArrived"/>,
/// and <see cref="ExitRequested"/>.
/// </summary>
/// <param name="At">When it happens (virtual or real time, as the host decides).</param>
/// <param name="Profile">The customer's profile as of <paramref name="At"/>, when the host has it. When a decision needs the
/// profile and this is null, Advance answers <see cref="ProfileRequested"/> and changes nothing; the host
/// then calls Advance again with the same stimulus and the profile attached.</param>
public abstract record Stimulus(Instant At, ProfileSnapshot? Profile);

/// <summary>The customer enters (the router has already checked trigger, key, re-entry and audience).</summary>
/// <param name="At">Entry time.</param>
/// <param name="Profile">Profile.</param>
/// <param name="Trigger">The triggering event, visible as <c>event.*</c>.</param>
public sealed record EnrollmentStarted(Instant At, ProfileSnapshot? Profile, CustomerEvent Trigger) : Stimulus(At, Profile);

/// <summary>A wake-up the host scheduled is due. Ignored unless <paramref name="DueAt"/> equals the state's <c>WakeAt</c> (stale timers are harmless).</summary>
/// <param name="At">Now.</param>
/// <param name="Profile">Profile.</param>
/// <param name="DueAt">The instant the timer was scheduled for.</param>
public sealed record TimerFired(Instant At, ProfileSnapshot? Profile, Instant DueAt) : Stimulus(At, Profile);

/// <summary>An event of the enrolled customer. Applies exitOn, goals, and resumes a matching waitForEvent.</summary>
/// <param name="At">Now.</param>
/// <param name="Profile">Profile.</param>
/// <param name="Event">The event.</param>
public sealed record EventArrived(Instant At, ProfileSnapshot? Profile, CustomerEvent Event) : Stimulus(At, Profile);

/// <summary>The host ends the enrollment at once (erasure, unsubscribe from a marketing journey, restart, operator).</summary>
/// <param name="At">Now.</param>
/// <param name="Reason">The exit reason recorded.</param>
public sealed record ExitRequested(Instant At, string Reason) : Stimulus(At, null);
