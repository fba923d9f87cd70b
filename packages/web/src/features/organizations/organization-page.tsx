import { Anchor, Breadcrumbs } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { OrganizationDetailView } from './organization-detail';

export function OrganizationPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  return (
    <>
      <Breadcrumbs mb="md" fz="sm">
        <Anchor component={Link} to="/organizations" size="sm">
          Organizations
        </Anchor>
        <span />
      </Breadcrumbs>
      {id && <OrganizationDetailView id={id} onClose={() => navigate('/organizations')} />}
    </>
  );
}
