namespace Engagement.Engine.Policies;

/// <summary>How a frequency cap's window is measured.</summary>
public enum CapWindowKind
{
    /// <summary>A rolling period ending now (<c>P7D</c>, <c>PT12H</c>).</summary>
    Rolling,
    /// <summary>The current calendar day in the customer's zone (<c>day</c>).</summary>
    Day,
    /// <summary>The current ISO week (from Monday) in the customer's zone (<c>week</c>).</summary>
    Week,
    /// <summary>The current calendar month in the customer's zone (<c>month</c>).</summary>
    Month,
}
