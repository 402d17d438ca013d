"""Progress management (進行管理): KPI actuals, initiative reports, dashboard, annual report."""
