namespace Engagement.Functions.Channels;

/// <summary>
/// The one ACS call the email sender makes: send with a given operation id and return the operation's id. In a real build
/// it is the ACS <c>EmailClient</c> (functions/Unserved, compiled only with <c>EngagementUnservedAzure=true</c>); a failed call
/// throws <see cref="Azure.RequestFailedException"/> (Azure.Core), as the ACS client does.
/// </summary>
public interface IAcsEmailTransport
{
    /// <summary>Sends; returns the id of the accepted send operation.</summary>
    Task<string> SendAsync(AcsEmail email, Guid operationId, CancellationToken cancellationToken);
}
