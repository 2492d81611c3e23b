using System.Collections.Immutable;
using Engagement.Journeys.Expressions;

namespace Engagement.Journeys.Definitions;

/// <summary>An event an <see cref="UpdateStep"/> emits, to chain journeys. Immutable.</summary>
/// <param name="Type">Event type, e.g. <c>customer.lifecycle.changed</c>.</param>
/// <param name="Data">Data fields as expressions.</param>
public sealed record EmitDefinition(string Type, ImmutableDictionary<string, Expression> Data);
