// The Functions app's user-assigned identity. Every data-plane role in this deployment is granted to it,
// and the app reaches every service with it (AZURE_CLIENT_ID, AzureWebJobsStorage__clientId).
import { tagsType } from 'types.bicep'

@description('Name of the user-assigned identity.')
param name string

@description('Region of the identity.')
param location string

@description('Tags of the identity.')
param tags tagsType

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
