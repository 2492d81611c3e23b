using Engagement.Journeys.Definitions;

namespace Engagement.Journeys.Parsing;

/// <summary>Checks across journey files: the same (id, version) may be defined only once.</summary>
public static class JourneySetValidator
{
    /// <summary>Errors for duplicates, each at the later file, naming the first.</summary>
    public static IReadOnlyList<JourneyDiagnostic> Validate(IReadOnlyList<JourneyDefinition> journeys)
    {
        var seen = new Dictionary<(string, int), JourneyDefinition>();
        var errors = new List<JourneyDiagnostic>();
        foreach (var journey in journeys)
        {
            if (seen.TryGetValue((journey.Id, journey.Version), out var first))
            {
                errors.Add(new(journey.Location, DiagnosticCodes.DuplicateJourney,
                    $"journey '{journey.Id}' version {journey.Version} is already defined in {first.Location}: bump \"version\" for a new version, or change \"id\""));
            }
            else
            {
                seen[(journey.Id, journey.Version)] = journey;
            }
        }

        return errors;
    }
}
