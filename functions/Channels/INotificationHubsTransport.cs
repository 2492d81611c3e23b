namespace Engagement.Functions.Channels;

/// <summary>
/// The one Notification Hubs call the push sender makes: a direct send of an FCM v1 payload to one device token. In a real
/// build it is the <c>NotificationHubClient</c> (functions/Unserved, compiled only with <c>EngagementUnservedAzure=true</c>),
/// which turns the SDK's messaging failures into <see cref="PushTransportException"/>.
/// </summary>
public interface INotificationHubsTransport
{
    /// <summary>Sends; the outcome says whether the hub found the device, and the hub's id for the notification.</summary>
    Task<PushOutcome> SendFcmV1Async(string payloadJson, string deviceHandle, CancellationToken cancellationToken);
}
