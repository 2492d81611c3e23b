namespace Engagement.Reports.Statistics;

/// <summary>A group's goal conversions. Immutable.</summary>
/// <param name="Name">Treated, holdout, or a split variant.</param>
/// <param name="Customers">Enrollments in the group.</param>
/// <param name="Goals">Of them, how many reached the goal.</param>
public sealed record GroupRate(string Name, long Customers, long Goals)
{
    /// <summary>Goals ÷ customers; 0 for an empty group.</summary>
    public double Rate => Customers == 0 ? 0 : (double)Goals / Customers;
}
