namespace Engagement.Engine.Delivery;

/// <summary>Who a provider message was for: no contact details, only ids. Immutable.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="LedgerKey">The send's ledger key.</param>
/// <param name="Channel">email, sms or push.</param>
public sealed record DeliveryCorrelation(string CustomerId, string LedgerKey, string Channel);
