import { Anchor, Breadcrumbs } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { ContactDetailView } from './contact-detail';

export function ContactPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  return (
    <>
      <Breadcrumbs mb="md" fz="sm">
        <Anchor component={Link} to="/contacts" size="sm">
          Contacts
        </Anchor>
        <span />
      </Breadcrumbs>
      {id && <ContactDetailView id={id} onClose={() => navigate('/contacts')} />}
    </>
  );
}
