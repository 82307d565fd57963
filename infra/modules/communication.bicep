// Azure Communication Services for email: an Email Communication Service with an Azure-managed domain
// (DoNotReply@<guid>.azurecomm.net, no DNS to set up), connected to a Communication Services resource
// whose endpoint the app calls (`emails:send`) with its managed identity.
import { tagsType, principalKindType } from 'types.bicep'

@description('Name of the Communication Services resource.')
param communicationServiceName string

@description('Name of the Email Communication Service.')
param emailServiceName string

@description('Where ACS keeps its data at rest (for example Canada, United States, Europe).')
param dataLocation string

@description('Tags of the resources.')
param tags tagsType

@description('Principal id of the Functions app identity.')
param functionsPrincipalId string

@description('Principal id of a developer who runs the app against these resources; empty for none.')
param developerPrincipalId string

@description('Kind of the developer principal.')
param developerPrincipalType principalKindType

// Communication and Email Service Owner: the built-in role that lets an Entra identity send email
// through the Communication Services resource (no send-only built-in role exists; the documented
// least-privilege alternative is a custom role with CommunicationServices/Read, CommunicationServices/Write
// and EmailServices/write, see docs/azure.md).
var communicationAndEmailServiceOwner = '09976791-48a7-449e-bb21-39d1a415f350'

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    // No tracking pixels or rewritten links in residents' mail.
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
  }
}

resource functionsEmailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, functionsPrincipalId, communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationAndEmailServiceOwner)
  }
}

resource developerEmailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(communicationService.id, developerPrincipalId, communicationAndEmailServiceOwner)
  scope: communicationService
  properties: {
    principalId: developerPrincipalId
    principalType: developerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationAndEmailServiceOwner)
  }
}

output name string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
