// Camunda Welcome's configuration (Camunda's defaults otherwise): Ensemble's name in the header and title.
export default {
  app: {
    name: 'Welcome',
    vendor: 'Ensemble'
  }
};
