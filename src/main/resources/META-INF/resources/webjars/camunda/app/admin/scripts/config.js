// Camunda Admin's configuration (Camunda's defaults otherwise): Ensemble's name in the header and title.
export default {
  app: {
    name: 'Admin',
    vendor: 'Ensemble'
  }
};
