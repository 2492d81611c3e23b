// Azure Communication Services for email: an Email Communication Service with an
// Azure-managed domain (xxxx.azurecomm.net, no DNS work, low sending limits: add a
// custom domain for production volume), linked to a Communication Services resource
// that the app calls with its managed identity.

param communicationServiceName string
param emailServiceName string
param tags object

@description('Where ACS stores data at rest (a geography such as "Europe", "United States", "Asia Pacific").')
param dataLocation string = 'Europe'

@description('Principal id of the app identity.')
param appPrincipalId string

// Built-in role: Communication and Email Service Owner. Sending email with an Entra ID
// token needs CommunicationServices read/write and EmailServices write on the resource;
// this is the narrowest built-in role that has them (the alternative is Contributor).
var communicationEmailOwnerRoleId = '09976791-48a7-449e-bb21-39d1a415f350'

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    // Marketing mail: no open/click tracking pixels; consent and measurement are the engine's job.
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    // Access keys off: the app authenticates with its managed identity only.
    disableLocalAuth: true
    linkedDomains: [
      managedDomain.id
    ]
  }
}

resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, appPrincipalId, communicationEmailOwnerRoleId)
  scope: communication
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationEmailOwnerRoleId)
  }
}

output communicationServiceName string = communication.name
output emailServiceName string = emailService.name
output endpoint string = 'https://${communication.properties.hostName}'
// Azure-managed domains come with the DoNotReply sender username.
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
