using System.Collections.Immutable;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Orchestration;

/// <summary>The input of the <c>ApplyEffects</c> activity: the state after Advance and the effects to carry out, in order. Immutable.</summary>
/// <param name="State">The enrollment state after the effects' Advance.</param>
/// <param name="Effects">Effects in order (sends, tasks, profile updates, emitted events, and the timeline-only ones carried along).</param>
/// <param name="At">The orchestration time at which they happened.</param>
public sealed record EffectBatch(EnrollmentState State, ImmutableArray<Effect> Effects, Instant At);
