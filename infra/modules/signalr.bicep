// Azure SignalR Service in Serverless mode, Entra-only (access keys disabled). The app negotiates with
// the `:generateToken` REST endpoint and pushes with the data-plane REST API (DESIGN §4, §6).
import { tagsType, principalKindType } from 'types.bicep'

@description('Name of the SignalR Service.')
param name string

@description('Region of the service.')
param location string

@description('Tags of the service.')
param tags tagsType

@description('SKU: Free_F1 (20 connections, no SLA; for trials) or Standard_S1 (1,000 connections per unit).')
@allowed([
  'Free_F1'
  'Standard_S1'
])
param skuName string

@description('Origin of the web app (scheme://host): browsers connect from it to the service\'s client endpoint.')
param webOrigin string

@description('Principal id of the Functions app identity.')
param functionsPrincipalId string

@description('Principal id of a developer who runs the app against these resources; empty for none.')
param developerPrincipalId string

@description('Kind of the developer principal.')
param developerPrincipalType principalKindType

// SignalR REST API Owner: auth/clientToken/action (the `:generateToken` used for negotiate) plus
// hub/*, group/*, user/* and clientConnection/* (send to users and groups, add and remove group
// members, close a removed user's connections). Narrower than SignalR Service Owner, which also
// grants access-key and server-connection actions the serverless REST client never uses.
var signalRRestApiOwner = 'fd53cd77-2268-407a-8f46-7e7863d0f521'

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: skuName
    capacity: 1
  }
  properties: {
    features: [
      {
        flag: 'ServiceMode'
        value: 'Serverless'
      }
      {
        flag: 'EnableConnectivityLogs'
        value: 'True'
      }
    ]
    cors: {
      allowedOrigins: [
        webOrigin
      ]
    }
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
    tls: {
      clientCertEnabled: false
    }
  }
}

resource functionsRestApiOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signalR.id, functionsPrincipalId, signalRRestApiOwner)
  scope: signalR
  properties: {
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', signalRRestApiOwner)
  }
}

resource developerRestApiOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(signalR.id, developerPrincipalId, signalRRestApiOwner)
  scope: signalR
  properties: {
    principalId: developerPrincipalId
    principalType: developerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', signalRRestApiOwner)
  }
}

output name string = signalR.name
output endpoint string = 'https://${signalR.properties.hostName}'
